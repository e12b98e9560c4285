import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CoachingSession } from './coaching-session.entity.js';
import { CoachingSessionResolver } from './coaching-session.resolver.js';
import { CoachingSessionService } from './coaching-session.service.js';

/** Coaching sessions: scheduling, notes, attendance. */
@Module({
  imports: [TypeOrmModule.forFeature([CoachingSession])],
  providers: [CoachingSessionService, CoachingSessionResolver],
})
export class CoachingSessionModule {}
