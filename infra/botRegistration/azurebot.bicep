// Azure Bot registration with the Microsoft Teams channel, pointing at the App Service.
@maxLength(20)
@minLength(4)
param resourceBaseName string
param botAadAppClientId string
param botAppDomain string
@maxLength(42)
param botDisplayName string
// New multi-tenant bot registrations can no longer be created (Microsoft, since 31 July 2025):
// SingleTenant (with the tenant id) or UserAssignedMSI.
@allowed(['SingleTenant', 'UserAssignedMSI', 'MultiTenant'])
param botAppType string = 'SingleTenant'
param botAadAppTenantId string = ''

resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  kind: 'azurebot'
  location: 'global'
  name: resourceBaseName
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${botAppDomain}/api/messages'
    msaAppId: botAadAppClientId
    msaAppType: botAppType
    msaAppTenantId: botAppType == 'MultiTenant' ? null : botAadAppTenantId
  }
  sku: {
    name: 'F0'
  }
}

resource botServiceMsTeamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  location: 'global'
  name: 'MsTeamsChannel'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}
