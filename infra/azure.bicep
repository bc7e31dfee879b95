// Deskbridge on Azure: App Service (Linux, Node 20) running the bot, an Azure Bot registration
// with the Teams channel, and Azure Database for PostgreSQL Flexible Server for its data.
// App Service's /home is an SMB network share, where SQLite's write-ahead log is unsafe
// (https://sqlite.org/wal.html): Deskbridge refuses a SQLite file there, so the data lives in
// PostgreSQL by default.
@maxLength(20)
@minLength(4)
@description('Used to generate names for all resources in this file')
param resourceBaseName string

@description('Required when create Azure Bot service')
param botAadAppClientId string

@secure()
@description('Required by Bot Framework package in your bot project')
param botAadAppClientSecret string

@description('Tenant of the bot app registration (single-tenant bots)')
param botAadAppTenantId string = subscription().tenantId

// New multi-tenant bot registrations can no longer be created (Microsoft, since 31 July 2025).
// MultiTenant stays allowed for bots registered before that date.
@allowed(['SingleTenant', 'UserAssignedMSI', 'MultiTenant'])
param botAppType string = 'SingleTenant'

param webAppSKU string = 'B1'

@maxLength(42)
param botDisplayName string = 'Deskbridge'

param location string = resourceGroup().location

@description('Deploy Azure Database for PostgreSQL and point DATABASE_URL at it (false: give externalDatabaseUrl)')
param deployPostgres bool = true

// A fresh random password at each provision unless one is given: the server and DATABASE_URL are
// updated in the same deployment, so they always agree; nobody needs to know it.
@secure()
@description('Administrator password of the PostgreSQL server (only with deployPostgres)')
param postgresAdminPassword string = '${newGuid()}-Dk1'

@secure()
@description('With deployPostgres=false: the postgres:// URL of an existing PostgreSQL server')
param externalDatabaseUrl string = ''

param postgresAdminUser string = 'deskbridge'

var serverfarmsName = resourceBaseName
var webAppName = resourceBaseName
var postgresName = '${resourceBaseName}-pg'

resource serverfarm 'Microsoft.Web/serverfarms@2023-12-01' = {
  kind: 'app,linux'
  location: location
  name: serverfarmsName
  sku: {
    name: webAppSKU
  }
  properties: {
    reserved: true
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = if (deployPostgres) {
  name: postgresName
  location: location
  sku: {
    name: 'Standard_B1ms'
    tier: 'Burstable'
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminUser
    administratorLoginPassword: postgresAdminPassword
    storage: {
      storageSizeGB: 32
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
  }
}

resource postgresDb 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = if (deployPostgres) {
  parent: postgres
  name: 'deskbridge'
}

// 0.0.0.0–0.0.0.0 is Azure's "allow access from Azure services" rule: the App Service reaches the
// server without a virtual network; the password (random, above) and TLS still apply.
resource postgresAllowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = if (deployPostgres) {
  parent: postgres
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

var databaseUrl = deployPostgres ? 'postgres://${postgresAdminUser}:${uriComponent(postgresAdminPassword)}@${postgresName}.postgres.database.azure.com:5432/deskbridge?sslmode=require' : externalDatabaseUrl

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  kind: 'app,linux'
  location: location
  name: webAppName
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      alwaysOn: true
      ftpsState: 'FtpsOnly'
      healthCheckPath: '/readyz'
      // The same command as `npm start`, without npm and its shell in between: App Service's
      // SIGTERM at a restart reaches node, which drains and stops (test/app-package.test.ts
      // keeps the two equal).
      appCommandLine: 'node --disable-warning=DEP0111 --max-old-space-size=384 --max-semi-space-size=8 dist/index.js'
      appSettings: [
        { name: 'NODE_ENV', value: 'production' }
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
        { name: 'RUNNING_ON_AZURE', value: '1' }
        // App Service's front end forwards the caller in X-Forwarded-For (per-IP webhook limits).
        { name: 'TRUST_PROXY', value: 'true' }
        { name: 'BOT_ID', value: botAadAppClientId }
        { name: 'BOT_PASSWORD', value: botAadAppClientSecret }
        { name: 'BOT_TYPE', value: botAppType }
        { name: 'BOT_TENANT_ID', value: botAadAppTenantId }
        { name: 'DATABASE_URL', value: databaseUrl }
      ]
    }
  }
}

module azureBotRegistration './botRegistration/azurebot.bicep' = {
  name: 'Azure-Bot-registration'
  params: {
    resourceBaseName: resourceBaseName
    botAadAppClientId: botAadAppClientId
    botAppDomain: webApp.properties.defaultHostName
    botDisplayName: botDisplayName
    botAppType: botAppType
    botAadAppTenantId: botAadAppTenantId
  }
}

output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
