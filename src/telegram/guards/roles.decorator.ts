import { SetMetadata } from '@nestjs/common';
import type { Role } from '../../users/role';

export const ROLES_KEY = 'bot:roles';

/** Who may use a handler; anyone holding one of the roles passes. The domain checks again. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
