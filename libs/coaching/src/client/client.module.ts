import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EngagementModule } from '../engagement/engagement.module.js';
import { Client } from './client.entity.js';
import { ClientResolver } from './client.resolver.js';
import { ClientService } from './client.service.js';

/** The coach's clients and their roster. */
@Module({
  imports: [TypeOrmModule.forFeature([Client]), EngagementModule],
  providers: [ClientService, ClientResolver],
})
export class ClientModule {}
