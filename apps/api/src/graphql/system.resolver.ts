import { Query, Resolver } from '@nestjs/graphql';
import { Public } from '#tandem/coaching';
import { TANDEM_VERSION } from '#tandem/runtime';

@Resolver()
export class SystemResolver {
  @Public()
  @Query(() => String, { description: 'The running Tandem version.' })
  version(): string {
    return TANDEM_VERSION;
  }
}
