import { ApiKey } from '../api/keys/api-key.entity';
import { AuditLog } from '../audit/audit-log.entity';
import { IntakeDraft } from '../intake/intake-draft.entity';
import { IntakeGroup } from '../intake/intake-group.entity';
import { BlockedChat } from '../notifications/blocked-chat.entity';
import { Notification } from '../notifications/notification.entity';
import { OutboxAttachment } from '../notifications/outbox-attachment.entity';
import { OrderGroupMessage } from '../telegram/outbox/order-group-message.entity';
import { OrderStatusHistory } from '../orders/order-status-history.entity';
import { Order } from '../orders/order.entity';
import { JobRun } from '../scheduler/job-run.entity';
import { OrderReminder } from '../scheduler/order-reminder.entity';
import { ProcessedUpdate } from '../telegram/processed-update.entity';
import { TelegramSession } from '../telegram/session/telegram-session.entity';
import { Master } from '../users/master.entity';
import { UserRole } from '../users/user-role.entity';
import { User } from '../users/user.entity';
import { WebhookSubscription } from '../webhooks/webhook-subscription.entity';
import { WebLoginToken } from '../web/auth/web-login-token.entity';
import { WebSession } from '../web/auth/web-session.entity';

/** Every entity, for the DataSource of the app, the migrations CLI and the specs. */
export const ENTITIES = [
  User,
  UserRole,
  Master,
  Order,
  OrderStatusHistory,
  AuditLog,
  OrderGroupMessage,
  Notification,
  BlockedChat,
  TelegramSession,
  ProcessedUpdate,
  JobRun,
  OrderReminder,
  OutboxAttachment,
  IntakeGroup,
  IntakeDraft,
  ApiKey,
  WebhookSubscription,
  WebLoginToken,
  WebSession,
];
