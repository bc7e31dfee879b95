// Baseline for the ingest benchmark: restify answering 200 to every POST after reading the body,
// and nothing else. Prints its port on stdout.
import restify from 'restify';

const server = restify.createServer({ handleUncaughtExceptions: false });
server.post('/api/webhooks/intercom', (req, res, next) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
        res.send(200, { status: 'stored' });
        next();
    });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`port ${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
