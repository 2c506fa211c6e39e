import { MigrationInterface, QueryRunner } from 'typeorm';

const BLOCK_COLUMNS = `"height", "hash", "previous_hash", "proof", "body"`;

/**
 * Drops the unique index on `blocks.hash` (SQLite drops a constraint only by rebuilding the table), and gives the
 * address index's state its tip's height, since lookups by hash no longer go through SQLite.
 */
export class HashesUnindexed1795661027988 implements MigrationInterface {
  name = 'HashesUnindexed1795661027988';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "temporary_address_index_state" ("id" integer PRIMARY KEY NOT NULL, "tip_hash" text NOT NULL, "tip_height" integer NOT NULL)`,
    );
    // A tip that is not in our chain is an index of another chain's: cleared here, as the node would at start.
    await queryRunner.query(
      `INSERT INTO "temporary_address_index_state" ("id", "tip_hash", "tip_height") SELECT "state"."id", "state"."tip_hash", "blocks"."height" FROM "address_index_state" "state" JOIN "blocks" ON "blocks"."hash" = "state"."tip_hash"`,
    );
    for (const table of ['indexed_transactions', 'address_totals']) {
      await queryRunner.query(
        `DELETE FROM "${table}" WHERE NOT EXISTS (SELECT 1 FROM "temporary_address_index_state")`,
      );
    }
    await queryRunner.query(`DROP TABLE "address_index_state"`);
    await queryRunner.query(`ALTER TABLE "temporary_address_index_state" RENAME TO "address_index_state"`);
    await this.rebuildBlocks(queryRunner, '');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await this.rebuildBlocks(queryRunner, `, CONSTRAINT "UQ_00d4f3eb491f00ae5bece2a559e" UNIQUE ("hash")`);
    await queryRunner.query(
      `CREATE TABLE "temporary_address_index_state" ("id" integer PRIMARY KEY NOT NULL, "tip_hash" text NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_address_index_state" ("id", "tip_hash") SELECT "id", "tip_hash" FROM "address_index_state"`,
    );
    await queryRunner.query(`DROP TABLE "address_index_state"`);
    await queryRunner.query(`ALTER TABLE "temporary_address_index_state" RENAME TO "address_index_state"`);
  }

  /** The blocks table anew, with `constraints` after its columns. */
  private async rebuildBlocks(queryRunner: QueryRunner, constraints: string): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "temporary_blocks" ("height" integer PRIMARY KEY NOT NULL, "hash" text NOT NULL, "previous_hash" text NOT NULL, "proof" text NOT NULL, "body" text NOT NULL${constraints})`,
    );
    await queryRunner.query(`INSERT INTO "temporary_blocks" (${BLOCK_COLUMNS}) SELECT ${BLOCK_COLUMNS} FROM "blocks"`);
    await queryRunner.query(`DROP TABLE "blocks"`);
    await queryRunner.query(`ALTER TABLE "temporary_blocks" RENAME TO "blocks"`);
  }
}
