import { Column, ForeignKey, PrimaryGeneratedColumn } from 'typeorm';

// Foreign keys name their table ('practice', not Practice): entities import no other entity, so no import cycles.

/** A row of one practice. The Scope filters every read on practiceId. */
export abstract class TenantEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'practice_id', type: 'uuid' })
  @ForeignKey('practice', { onDelete: 'CASCADE' })
  practiceId!: string;
}

/** A row about one client: coaches see it when they coach the client, the client when it is theirs. */
export abstract class ClientOwnedEntity extends TenantEntity {
  @Column({ name: 'client_id', type: 'uuid' })
  @ForeignKey('client', { onDelete: 'CASCADE' })
  clientId!: string;
}
