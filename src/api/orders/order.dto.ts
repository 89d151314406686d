import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ORDER_STATUSES, OrderStatus } from '../../orders/order-status';

const MAX_KOPECKS = 100_000_000_00;
const csv = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((part) => part.trim()) : value;

/** `GET /api/v1/orders`: every filter optional, combined with AND. */
export class OrderListQuery {
  @ApiPropertyOptional({
    description: 'One status or several, comma-separated',
    example: 'NEW,ASSIGNED',
    enum: ORDER_STATUSES,
    isArray: true,
  })
  @IsOptional()
  @Transform(csv)
  @IsIn(ORDER_STATUSES, { each: true })
  status?: OrderStatus[];

  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) masterId?: number;

  @ApiPropertyOptional({ description: 'The user id of the dispatcher who created the order' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  dispatcherId?: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) equipmentType?: string;

  @ApiPropertyOptional({ description: 'ISO 8601 instant, inclusive' })
  @IsOptional()
  @IsISO8601()
  createdFrom?: string;

  @ApiPropertyOptional({ description: 'ISO 8601 instant, exclusive' })
  @IsOptional()
  @IsISO8601()
  createdTo?: string;

  @ApiPropertyOptional({ description: 'ISO 8601 instant, inclusive' })
  @IsOptional()
  @IsISO8601()
  closedFrom?: string;

  @ApiPropertyOptional({ description: 'ISO 8601 instant, exclusive' })
  @IsOptional()
  @IsISO8601()
  closedTo?: string;

  @ApiPropertyOptional({ description: 'As in the bot’s search: a phone, #N, or address words' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: '`next` of the previous page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  cursor?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

/** `POST /api/v1/orders`: the fields of the bot's creation dialog, checked by the same rules. */
export class CreateOrderBody {
  @ApiProperty({ example: 'Холодильники' }) @IsString() equipmentType: string;
  @ApiProperty({ example: 'Не морозит морозилка' }) @IsString() problem: string;
  @ApiProperty({ example: 'Анна Сергеевна' }) @IsString() clientName: string;
  @ApiProperty({ example: 'ул. Ленина, д. 5, кв. 12' }) @IsString() clientAddress: string;
  @ApiProperty({ example: '+7 900 111-22-33' }) @IsString() clientPhone: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() notes?: string | null;

  @ApiPropertyOptional({
    description: 'A time as the dispatcher types it ("завтра 14:00", "15.10 10-12") or a note',
    example: 'завтра 14:00',
  })
  @IsOptional()
  @IsString()
  arrival?: string;
}

/** `PATCH /api/v1/orders/{id}`: the fields to change, each checked as in the bot’s editing. */
export class EditOrderBody {
  @ApiPropertyOptional() @IsOptional() @IsString() equipmentType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() problem?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() clientName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() clientAddress?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() clientPhone?: string;
  @ApiPropertyOptional({ description: '"-" clears them' }) @IsOptional() @IsString() notes?: string;
  @ApiPropertyOptional({ description: '"-" clears it' }) @IsOptional() @IsString() arrival?: string;

  @ApiPropertyOptional({ description: 'Long repairs only: DD.MM.YYYY' })
  @IsOptional()
  @IsString()
  drExpectedDate?: string;

  @ApiPropertyOptional({ description: 'Long repairs only: rubles, "-" for none' })
  @IsOptional()
  @IsString()
  drPrepayment?: string;
}

export class AssignBody {
  @ApiProperty() @IsInt() @Min(1) masterId: number;
}

export class ReasonBody {
  @ApiProperty({ example: 'Клиент передумал' }) @IsString() reason: string;
}

export class RescheduleBody {
  @ApiProperty({ example: 'завтра 10:00' }) @IsString() arrival: string;
  @ApiPropertyOptional() @IsOptional() @IsString() reason?: string;
}

export class LongRepairBody {
  @ApiProperty({ description: 'DD.MM.YYYY or YYYY-MM-DD, tomorrow to +180 days' })
  @IsString()
  expectedDate: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) parts?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_KOPECKS)
  preliminaryKopecks?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_KOPECKS)
  prepaymentKopecks?: number;
}

export class CompleteBody {
  @ApiProperty({ example: 500000 }) @IsInt() @Min(0) @Max(MAX_KOPECKS) totalKopecks: number;
  @ApiProperty({ example: 100000 }) @IsInt() @Min(0) @Max(MAX_KOPECKS) materialsKopecks: number;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() reviewTaken?: boolean;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() outOfCity?: boolean;
}
