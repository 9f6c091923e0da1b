import { sql, type Kysely } from 'kysely';

/**
 * People restrained count distinct people in a region, the organisation and a person's own series, not one per
 * service (someone restrained at two services in a month counted twice). Months of restraint are looked up by person
 * and month when one is added or removed; the counts already kept are recomputed from them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('restrained_months_person_idx').ifNotExists().on('restrained_months').columns(['person_id', 'period']).execute();
  await sql`delete from monthly_counts where metric = 'people_restrained' and scope_type in ('organisation', 'region', 'person')`.execute(db);
  await sql`insert into monthly_counts (scope_type, scope_id, metric, period, value)
    select 'organisation', 0, 'people_restrained', period, count(distinct person_id) from restrained_months group by period`.execute(db);
  await sql`insert into monthly_counts (scope_type, scope_id, metric, period, value)
    select 'region', services.region_id, 'people_restrained', restrained_months.period, count(distinct restrained_months.person_id)
    from restrained_months inner join services on services.id = restrained_months.service_id
    group by services.region_id, restrained_months.period`.execute(db);
  await sql`insert into monthly_counts (scope_type, scope_id, metric, period, value)
    select distinct 'person', person_id, 'people_restrained', period, 1 from restrained_months`.execute(db);
}
