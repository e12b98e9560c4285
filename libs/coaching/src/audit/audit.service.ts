import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor.js';
import { Db } from '../access/db.js';
import { AuditEvent } from './audit-event.entity.js';

/** Records who did what. Callers pass ids and field names, never note or summary text. */
@Injectable()
export class AuditService {
  constructor(private readonly db: Db) {}

  async record(
    actor: Pick<Actor, 'practiceId' | 'userId'> | null,
    practiceId: string,
    action: string,
    entityType: string,
    entityId: string | null,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await this.db.manager.insert(AuditEvent, {
      practiceId,
      actorId: actor?.userId ?? null,
      action,
      entityType,
      entityId,
      details: details as object,
    });
    this.db.noteAuditEvent();
  }
}
