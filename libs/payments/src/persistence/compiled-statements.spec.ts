import {
  Column,
  CreateDateColumn,
  DataSource,
  Entity,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
  type ValueTransformer,
} from 'typeorm';
import {
  insertRows,
  selectOneForUpdate,
  updateRows,
} from './compiled-statements.js';

const REVERSED: ValueTransformer = {
  to: (text: string | null) => text?.split('').reverse().join('') ?? null,
  from: (text: string | null) => text?.split('').reverse().join('') ?? null,
};

@Entity({ name: 'compiled_probe' })
class ProbeEntity {
  @PrimaryColumn({ type: 'varchar', length: 8 })
  id: string;

  @Column({ name: 'unique_key', type: 'varchar', length: 8, unique: true })
  uniqueKey: string;

  @Column({ type: 'varchar', length: 8 })
  status: string;

  @Column({ type: 'boolean' })
  flag: boolean;

  @Column({ name: 'happened_at', type: Date, nullable: true })
  happenedAt: Date | null;

  @Column({ type: 'varchar', length: 16, transformer: REVERSED })
  word: string;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}

const probe = (
  id: string,
  uniqueKey = id,
): Omit<ProbeEntity, 'version' | 'createdAt' | 'updatedAt'> &
  Partial<ProbeEntity> => ({
  id,
  uniqueKey,
  status: 'new',
  flag: true,
  happenedAt: new Date('2024-03-01T02:00:00.000Z'),
  word: 'abc',
  version: 1,
});

// A real database (SQLite in memory): the statements are checked by what they store and read back.
describe('compiled statements', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
      entities: [ProbeEntity],
      synchronize: true,
    });
    await dataSource.initialize();
  });
  afterAll(() => dataSource.destroy());

  it('inserts rows with the values converted as TypeORM converts them, and reads one back as an entity', async () => {
    await dataSource.transaction(async (manager) => {
      expect(
        await insertRows(manager, ProbeEntity, [probe('a'), probe('b')]),
      ).toBe(2);
      const read = await selectOneForUpdate(manager, ProbeEntity, 'id', 'a');
      expect(read).toBeInstanceOf(ProbeEntity);
      expect(read).toMatchObject({
        id: 'a',
        flag: true,
        happenedAt: new Date('2024-03-01T02:00:00.000Z'),
        word: 'abc',
        version: 1,
      });
      expect(read?.createdAt).toBeInstanceOf(Date);
      expect(
        await selectOneForUpdate(manager, ProbeEntity, 'id', 'nope'),
      ).toBeNull();
    });
    // Stored through the transformer, as the query builder stores it.
    const [{ word }] = (await dataSource.query(
      "SELECT word FROM compiled_probe WHERE id = 'a'",
    )) as { word: string }[];
    expect(word).toBe('cba');
  });

  it('skips a row that breaks a unique constraint only when told to ignore duplicates', async () => {
    await dataSource.transaction(async (manager) => {
      expect(
        await insertRows(manager, ProbeEntity, [probe('c', 'a')], {
          ignoreDuplicates: true,
        }),
      ).toBe(0);
    });
    await expect(
      dataSource.transaction((manager) =>
        insertRows(manager, ProbeEntity, [probe('c', 'a')]),
      ),
    ).rejects.toThrow(/UNIQUE/);
  });

  it('updates over the where values even when a column is in both, and bumps the version', async () => {
    await dataSource.transaction(async (manager) => {
      expect(
        await updateRows(
          manager,
          ProbeEntity,
          { status: 'done', flag: false },
          { status: 'new', version: 1 },
        ),
      ).toBe(2);
      expect(
        await updateRows(
          manager,
          ProbeEntity,
          { status: 'again' },
          { id: 'a', version: 1 },
        ),
      ).toBe(0);
      expect(
        await selectOneForUpdate(manager, ProbeEntity, 'id', 'b'),
      ).toMatchObject({ status: 'done', flag: false, version: 2 });
    });
  });
});
