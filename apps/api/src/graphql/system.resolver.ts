import { Query, Resolver } from '@nestjs/graphql';
import { TANDEM_VERSION } from '../version.js';

@Resolver()
export class SystemResolver {
  @Query(() => String, { description: 'The running Tandem version.' })
  version(): string {
    return TANDEM_VERSION;
  }
}
