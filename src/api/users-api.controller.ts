import { Body, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Role, ROLES } from '../users/role';
import { displayName, UsersService } from '../users/users.service';
import { ApiController } from './http/api-controller.decorator';
import { ApiRequest, KeyRoles, keyOf } from './http/api-key.guard';
import { fail, valueOf } from './http/problem';

export class RoleBody {
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
}

const parseRole = (value: string): Role => {
  if (!(ROLES as readonly string[]).includes(value)) throw fail(404, 'not_found', 'No such role.');
  return value as Role;
};

/** `/api/v1/users`: people by role, and granting or taking roles (admin keys). */
@ApiController('users', 'users')
@KeyRoles('ADMIN')
export class UsersApiController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Everyone by role (a person may be under several)' })
  async list(@Req() request: ApiRequest) {
    const groups = valueOf(await this.users.listByRole(keyOf(request).actor));
    return Object.fromEntries(
      Object.entries(groups).map(([role, users]) => [
        role,
        users.map((user) => ({
          id: user.id,
          telegramId: user.telegramId,
          name: displayName(user),
        })),
      ]),
    );
  }

  @Post(':telegramId/roles')
  @HttpCode(200)
  @ApiOperation({ summary: 'Grant a role, as /admin role … add' })
  async grant(
    @Param('telegramId', ParseIntPipe) telegramId: number,
    @Body() body: RoleBody,
    @Req() request: ApiRequest,
  ) {
    valueOf(await this.users.grantRole(telegramId, body.role, keyOf(request).actor));
    return { telegramId, role: body.role, granted: true };
  }

  @Delete(':telegramId/roles/:role')
  @ApiOperation({ summary: 'Take a role, as /admin role … remove' })
  async revoke(
    @Param('telegramId', ParseIntPipe) telegramId: number,
    @Param('role') role: string,
    @Req() request: ApiRequest,
  ) {
    const revoked = parseRole(role);
    valueOf(await this.users.revokeRole(telegramId, revoked, keyOf(request).actor));
    return { telegramId, role: revoked, granted: false };
  }
}
