import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../access/actor.js';
import { RequestLoaders } from '../access/loaders.decorator.js';
import type { Loaders } from '../access/loaders.js';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { PageArgs } from '../common/pagination.js';
import { Engagement } from '../engagement/engagement.entity.js';
import { EngagementModel } from '../engagement/engagement.model.js';
import { Sponsor } from './sponsor.entity.js';
import { SponsorInput, UpdateSponsorInput } from './sponsor.inputs.js';
import { SponsorConnection, SponsorModel } from './sponsor.model.js';
import { SponsorService } from './sponsor.service.js';
import { IdArg } from '../common/id-arg.js';

@Roles('OWNER', 'COACH')
@Resolver(() => SponsorModel)
export class SponsorResolver {
  constructor(private readonly sponsorService: SponsorService) {}

  @Query(() => SponsorConnection)
  sponsors(
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
    @Args('includeArchived', { defaultValue: false }) includeArchived: boolean,
  ) {
    return this.sponsorService.list(actor, page.first, page.after, includeArchived);
  }

  @Query(() => SponsorModel)
  sponsor(@CurrentActor() actor: Actor, @IdArg() id: string): Promise<Sponsor> {
    return this.sponsorService.get(actor, id);
  }

  @Mutation(() => SponsorModel)
  createSponsor(@CurrentActor() actor: Actor, @Args('input') input: SponsorInput): Promise<Sponsor> {
    return this.sponsorService.create(actor, input);
  }

  @Mutation(() => SponsorModel)
  updateSponsor(@CurrentActor() actor: Actor, @IdArg() id: string, @Args('input') input: UpdateSponsorInput): Promise<Sponsor> {
    return this.sponsorService.update(actor, id, input);
  }

  @Mutation(() => SponsorModel)
  archiveSponsor(@CurrentActor() actor: Actor, @IdArg() id: string): Promise<Sponsor> {
    return this.sponsorService.archive(actor, id);
  }
}

@Resolver(() => EngagementModel)
export class EngagementSponsorResolver {
  @ResolveField(() => SponsorModel, { nullable: true, description: 'Coaches and owners only (null for a client).' })
  sponsor(@Parent() engagement: Engagement, @RequestLoaders() loaders: Loaders): Promise<Sponsor | null> | null {
    return engagement.sponsorId ? loaders.byId(Sponsor).load(engagement.sponsorId) : null;
  }

  @ResolveField(() => Boolean, {
    description: 'Whether the engagement has a sponsor (the client too: they decide which goals its report shows).',
  })
  async hasSponsor(@Parent() engagement: Engagement, @RequestLoaders() loaders: Loaders): Promise<boolean> {
    // A partly read engagement (the roster's summary) may not carry the column.
    const sponsorId =
      engagement.sponsorId !== undefined ? engagement.sponsorId : (await loaders.byId(Engagement).load(engagement.id))?.sponsorId;
    return !!sponsorId;
  }
}
