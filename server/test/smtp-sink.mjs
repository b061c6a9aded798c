// A real SMTP server for tests: accepts every message and prints it as one JSON line on stdout.
// Usage: node server/test/smtp-sink.mjs PORT
// Lines on stdin make it a slow server: HOLD keeps each message unanswered (the client waits, as on a
// slow server) and prints HELD; STEP answers the oldest held one; RELEASE answers all and stops holding.
import { createInterface } from 'node:readline';
import { SMTPServer } from 'smtp-server';

const port = Number(process.argv[2] ?? 2525);
let holding = false;
const held = [];
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const accept = () => {
        process.stdout.write(
          `${JSON.stringify({ from: session.envelope.mailFrom?.address, to: session.envelope.rcptTo.map((r) => r.address), raw })}\n`,
        );
        callback();
      };
      if (!holding) return accept();
      held.push(accept);
      process.stdout.write(`HELD ${held.length}\n`);
    });
  },
});
createInterface({ input: process.stdin }).on('line', (line) => {
  const command = line.trim();
  if (command === 'HOLD') holding = true;
  else if (command === 'STEP') held.shift()?.();
  else if (command === 'RELEASE') {
    holding = false;
    for (const accept of held.splice(0)) accept();
  }
});
server.listen(port, '127.0.0.1', () => process.stdout.write(`READY ${port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
