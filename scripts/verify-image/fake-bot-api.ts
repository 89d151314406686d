// Used by scripts/verify-image.sh: the fake Bot API on the host for the container to talk to.
// Prints `API_ROOT <url>` and `BOT_TOKEN <token>`, then, once the service polls, plays one
// `/start` from an admin and prints `REPLIED <text>` when the bot answers. Runs until SIGTERM.
import { FakeBotApi } from '../../test/support/fake-bot-api';

// One admin per service run (ADMIN_IDS=1001,1002,… in the script), so each run's reply is new.
const adminOfRun = (run: number) => ({ id: 1000 + run, first_name: 'Image', last_name: 'Check' });

async function main() {
  const api = await FakeBotApi.start();
  console.log(`API_ROOT ${api.apiRoot}`);
  console.log(`BOT_TOKEN ${api.token}`);
  const stop = () => void api.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Every service run of the check polls this one fake; answer each run's /start.
  for (let run = 1; ; run++) {
    await api.waitFor(() => api.isPolling() || undefined, 600_000);
    console.log('POLLING');
    const admin = adminOfRun(run);
    api.userSendsText(admin, '/start');
    const reply = await api.waitForMessage(admin.id, /./, 60_000);
    console.log(`REPLIED ${JSON.stringify(reply.text ?? '').slice(0, 120)}`);
    await api.waitFor(() => !api.isPolling() || undefined, 600_000);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
