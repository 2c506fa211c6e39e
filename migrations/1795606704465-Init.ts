import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795606704465 implements MigrationInterface {
  name = 'Init1795606704465';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "blocks" ("height" integer PRIMARY KEY NOT NULL, "hash" text NOT NULL, "previous_hash" text NOT NULL, "proof" text NOT NULL, "body" text NOT NULL, CONSTRAINT "UQ_00d4f3eb491f00ae5bece2a559e" UNIQUE ("hash"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "node_identity" ("id" integer PRIMARY KEY NOT NULL, "node_id" text NOT NULL)`,
    );
    await queryRunner.query(`CREATE TABLE "peers" ("address" text PRIMARY KEY NOT NULL, "added_at" real NOT NULL)`);
    await queryRunner.query(
      `CREATE TABLE "pending_transactions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "sender" text NOT NULL, "recipient" text NOT NULL, "amount" text NOT NULL, "received_at" real NOT NULL)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "pending_transactions"`);
    await queryRunner.query(`DROP TABLE "peers"`);
    await queryRunner.query(`DROP TABLE "node_identity"`);
    await queryRunner.query(`DROP TABLE "blocks"`);
  }
}
