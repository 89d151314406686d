import { Global, Injectable, Module } from '@nestjs/common';
import { MESSAGE_LIMIT, messageSize } from '../../common/message-parts';
import { ListEvent, MessageFit } from '../../notifications/message-fit';
import { SCHEDULER_TEMPLATES } from '../../texts/ru/scheduler';

/** Measures a list with the template the renderer words it with at send time. */
@Injectable()
export class TelegramMessageFit extends MessageFit {
  fits(event: ListEvent): boolean {
    return messageSize(SCHEDULER_TEMPLATES[event.kind](event.payload)) <= MESSAGE_LIMIT;
  }
}

/** Global: the scheduler cuts its lists by it without knowing Telegram. */
@Global()
@Module({
  providers: [{ provide: MessageFit, useClass: TelegramMessageFit }],
  exports: [MessageFit],
})
export class TelegramMessageFitModule {}
