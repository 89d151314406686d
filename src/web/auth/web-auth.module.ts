import { Global, Module } from '@nestjs/common';
import { SignInLinks } from '../../users/sign-in-links';
import { UsersModule } from '../../users/users.module';
import { WebAuthService } from './web-auth.service';

/**
 * Sign-in links and sessions. Global so the bot's `/web` (telegram/updates/web-login.update.ts)
 * gets `SignInLinks` without the Telegram adapter importing the web adapter.
 */
@Global()
@Module({
  imports: [UsersModule],
  providers: [WebAuthService, { provide: SignInLinks, useExisting: WebAuthService }],
  exports: [WebAuthService, SignInLinks],
})
export class WebAuthModule {}
