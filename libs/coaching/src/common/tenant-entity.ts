import { Column, PrimaryGeneratedColumn } from 'typeorm';

/** A row of one practice. The Scope filters every read on practiceId. */
export abstract class TenantEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'practice_id', type: 'uuid' })
  practiceId!: string;
}

/** A row about one client: coaches see it when they coach the client, the client when it is theirs. */
export abstract class ClientOwnedEntity extends TenantEntity {
  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;
}
