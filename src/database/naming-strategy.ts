import { DefaultNamingStrategy, NamingStrategyInterface, Table } from 'typeorm';

const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
const tableName = (table: Table | string) =>
  (typeof table === 'string' ? table : table.name).split('.').pop() as string;
const joined = (columns: string[]) => [...columns].sort().join('_');

/**
 * snake_case columns and readable constraint names (`IDX_orders_status` instead of a hash),
 * so migrations and query plans can be read in review.
 */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override columnName(propertyName: string, customName: string | undefined, prefixes: string[]) {
    return snake([...prefixes, customName ?? propertyName].join('_'));
  }

  override relationName(propertyName: string) {
    return snake(propertyName);
  }

  override joinColumnName(relationName: string, referencedColumnName: string) {
    return snake(`${relationName}_${referencedColumnName}`);
  }

  override primaryKeyName(table: Table | string) {
    return `PK_${tableName(table)}`;
  }

  override uniqueConstraintName(table: Table | string, columns: string[]) {
    return `UQ_${tableName(table)}_${joined(columns)}`;
  }

  override relationConstraintName(table: Table | string, columns: string[]) {
    return `REL_${tableName(table)}_${joined(columns)}`;
  }

  override foreignKeyName(table: Table | string, columns: string[]) {
    return `FK_${tableName(table)}_${joined(columns)}`;
  }

  override indexName(table: Table | string, columns: string[]) {
    return `IDX_${tableName(table)}_${columns.join('_')}`;
  }
}
