import { Module } from '@nestjs/common';
import { UsersModule } from '../../users/users.module';
import { WebAuthService } from './web-auth.service';
import { WebLoginUpdate } from './web-login.update';

/**
 * Sign-in links and sessions. The bot's TelegramModule imports it for `/web` and lists
 * `WebLoginUpdate` among its handlers (before the fallback, which answers everything left).
 */
@Module({
  imports: [UsersModule],
  providers: [WebAuthService],
  exports: [WebAuthService],
})
export class WebAuthModule {}

export { WebLoginUpdate };
