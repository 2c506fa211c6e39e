import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddressIndex1795629227878 implements MigrationInterface {
  name = 'AddressIndex1795629227878';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "address_index_state" ("id" integer PRIMARY KEY NOT NULL, "tip_hash" text NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "address_totals" ("address" text PRIMARY KEY NOT NULL, "count" integer NOT NULL, "received" real NOT NULL, "sent" real NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "indexed_transactions" ("height" integer NOT NULL, "position" integer NOT NULL, "sender" text NOT NULL, "recipient" text NOT NULL, "amount" text NOT NULL, PRIMARY KEY ("height", "position"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_indexed_transactions_recipient" ON "indexed_transactions" ("recipient", "height", "position") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_indexed_transactions_sender" ON "indexed_transactions" ("sender", "height", "position") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_indexed_transactions_sender"`);
    await queryRunner.query(`DROP INDEX "IDX_indexed_transactions_recipient"`);
    await queryRunner.query(`DROP TABLE "indexed_transactions"`);
    await queryRunner.query(`DROP TABLE "address_totals"`);
    await queryRunner.query(`DROP TABLE "address_index_state"`);
  }
}
