// Used by scripts/verify-image.sh: the fake Bot API on the host for the container to talk to.
// Prints `API_ROOT <url>` and `BOT_TOKEN <token>`, then, once the service polls, plays one
// `/start` from an admin and prints `REPLIED <text>` when the bot answers. Runs until SIGTERM.
import { FakeBotApi } from '../../test/support/fake-bot-api';

// One admin per service run (ADMIN_IDS=1001,1002,… in the script), so each run's reply is new.
const adminOfRun = (run: number) => ({ id: 1000 + run, first_name: 'Image', last_name: 'Check' });

let stopping = false;
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  const api = await FakeBotApi.start();
  say(`API_ROOT ${api.apiRoot}`);
  say(`BOT_TOKEN ${api.token}`);
  const stop = () => {
    stopping = true;
    void api.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Every service run of the check polls this one fake: each new service (a new getMe) that
  // polls gets one /start.
  let getMes = 0;
  for (let run = 1; ; run++) {
    await api.waitFor(
      () => (api.calls('getMe').length > getMes && api.isPolling()) || undefined,
      600_000,
    );
    getMes = api.calls('getMe').length;
    say('POLLING');
    const admin = adminOfRun(run);
    api.userSendsText(admin, '/start');
    const reply = await api.waitForMessage(admin.id, /./, 60_000);
    say(`REPLIED ${JSON.stringify(reply.text ?? '').slice(0, 120)}`);
  }
}

main().catch((error) => {
  if (stopping) process.exit(0); // stop() cancels the wait in progress
  console.error(error);
  process.exit(1);
});
