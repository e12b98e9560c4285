import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NetworkingContact } from './networking-contact.entity.js';
import { ClientNetworkingResolver, NetworkingContactResolver } from './networking-contact.resolver.js';
import { NetworkingContactService } from './networking-contact.service.js';

/** Networking follow-ups: the client's contacts, kept by the client and their coach. */
@Module({
  imports: [TypeOrmModule.forFeature([NetworkingContact])],
  providers: [NetworkingContactService, NetworkingContactResolver, ClientNetworkingResolver],
})
export class NetworkingModule {}
