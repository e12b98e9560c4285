import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../access/actor.js';
import type { LoadersContext } from '../access/loaders.js';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { Client } from '../client/client.entity.js';
import { ClientModel } from '../client/client.model.js';
import { IdArg } from '../common/id-arg.js';
import type { NetworkingCounts } from './networking-contact.loaders.js';
import type { NetworkingContact } from './networking-contact.entity.js';
import { ContactsArgs, CreateContactInput, LogContactMadeArgs, UpdateContactInput } from './networking-contact.inputs.js';
import { NetworkingContactConnection, NetworkingContactModel, NetworkingCountsModel } from './networking-contact.model.js';
import { NetworkingContactService } from './networking-contact.service.js';

@Resolver(() => NetworkingContactModel)
export class NetworkingContactResolver {
  constructor(private readonly contacts: NetworkingContactService) {}

  @Roles('CLIENT')
  @Query(() => NetworkingContactConnection, { description: 'Your networking contacts, follow-ups due first (none last).' })
  async myContacts(@CurrentActor() actor: Actor, @Args() args: ContactsArgs) {
    return this.contacts.list(actor, await this.contacts.ownClient(actor), args.filter, args.first, args.after);
  }

  @Query(() => NetworkingContactModel, { description: 'A contact of yours (a client) or of a client you coach.' })
  contact(@CurrentActor() actor: Actor, @IdArg() id: string): Promise<NetworkingContact> {
    return this.contacts.get(actor, id);
  }

  @Mutation(() => NetworkingContactModel, { description: 'The client or their coach adds a contact to the client’s network.' })
  createContact(@CurrentActor() actor: Actor, @Args('input') input: CreateContactInput): Promise<NetworkingContact> {
    return this.contacts.create(actor, input);
  }

  @Mutation(() => NetworkingContactModel)
  updateContact(@CurrentActor() actor: Actor, @IdArg() id: string, @Args('input') input: UpdateContactInput): Promise<NetworkingContact> {
    return this.contacts.update(actor, id, input);
  }

  @Mutation(() => NetworkingContactModel, {
    description:
      "A contact made today (the client's today): lastContactDate becomes today. nextFollowUpDate given sets it (null: none); left out, one that was due is cleared.",
  })
  logContactMade(@CurrentActor() actor: Actor, @Args() args: LogContactMadeArgs): Promise<NetworkingContact> {
    return this.contacts.logContactMade(actor, args.id, args.nextFollowUpDate);
  }

  @Mutation(() => Boolean, { description: 'Deletes the contact with its notes and dates; nothing else.' })
  deleteContact(@CurrentActor() actor: Actor, @IdArg() id: string): Promise<boolean> {
    return this.contacts.delete(actor, id);
  }

  // GraphQL's own (parent, args, context), as ActionItem's fields: no execution context per field.

  @ResolveField(() => Boolean, { description: "A next follow-up today or earlier in the client's time zone." })
  followUpDue(contact: NetworkingContact, _args: unknown, { loaders }: LoadersContext): boolean | Promise<boolean> {
    const date = contact.nextFollowUpDate;
    if (date === null) return false;
    return loaders
      .byId(Client)
      .load(contact.clientId)
      .then((client) => date <= this.contacts.today(client ?? { timeZone: 'UTC' }));
  }
}

@Resolver(() => ClientModel)
export class ClientNetworkingResolver {
  constructor(private readonly contactService: NetworkingContactService) {}

  @ResolveField(() => NetworkingContactConnection, {
    description: "The client's networking contacts, follow-ups due first (none last). Private to the client and their coach.",
  })
  contacts(@CurrentActor() actor: Actor, @Parent() client: Client, @Args() args: ContactsArgs) {
    return this.contactService.list(actor, client, args.filter, args.first, args.after);
  }

  @ResolveField(() => NetworkingCountsModel, { description: "Counts of the client's networking contacts, in the client's zone." })
  networking(client: Client, _args: unknown, { loaders }: LoadersContext): Promise<NetworkingCounts> {
    return loaders.networkingCountsByClient.load(client.id);
  }
}
