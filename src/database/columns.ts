import {
  Column,
  ColumnOptions,
  CreateDateColumn,
  DeleteDateColumn,
  PrimaryColumn,
  PrimaryColumnOptions,
  UpdateDateColumn,
  ValueTransformer,
} from 'typeorm';
import { ENTITY_DIALECT } from './dialect';

// Instants are stored in UTC on both dialects: PostgreSQL `timestamptz`; SQLite `datetime`,
// which TypeORM writes as a UTC text timestamp.
const INSTANT = ENTITY_DIALECT === 'postgres' ? 'timestamptz' : 'datetime';

/** pg returns BIGINT as a string; Telegram ids fit in 53 bits, so a JS number is exact. */
const bigintAsNumber: ValueTransformer = {
  to: (value?: number | null) => value,
  from: (value?: string | number | null) =>
    value === null || value === undefined ? value : Number(value),
};

export const InstantColumn = (options: ColumnOptions = {}) => Column({ ...options, type: INSTANT });

export const CreatedAtColumn = () => CreateDateColumn({ name: 'created_at', type: INSTANT });

export const UpdatedAtColumn = () => UpdateDateColumn({ name: 'updated_at', type: INSTANT });

/** A Telegram user or chat id (chat ids of supergroups need more than 32 bits). */
export const TelegramIdColumn = (options: ColumnOptions = {}) =>
  Column({ ...options, type: 'bigint', transformer: bigintAsNumber });

/** Money in integer kopecks, never floats (docs/product.md §6). */
export const KopecksColumn = (options: ColumnOptions = {}) =>
  Column({ ...options, type: 'integer' });

export const DeletedAtColumn = () => DeleteDateColumn({ name: 'deleted_at', type: INSTANT });

export const TelegramIdPrimaryColumn = (options: PrimaryColumnOptions = {}) =>
  PrimaryColumn({ ...options, type: 'bigint', transformer: bigintAsNumber });

/** File bytes: SQLite `blob`, PostgreSQL `bytea`; read back as a Buffer on both. */
export const BinaryColumn = (options: ColumnOptions = {}) =>
  Column({ ...options, type: ENTITY_DIALECT === 'postgres' ? 'bytea' : 'blob' });
