import { Global, Module } from '@nestjs/common';

/**
 * Whether this process has begun a clean stop. Readiness answers 503 from that
 * moment, so a load balancer sends no new traffic while in-flight work drains.
 */
export class ProcessLifecycle {
  private stoppingSince: Date | null = null;

  get stopping(): boolean {
    return this.stoppingSince !== null;
  }

  markStopping(): void {
    this.stoppingSince ??= new Date();
  }
}

/** One ProcessLifecycle per application, visible to every module (health, shutdown). */
@Global()
@Module({ providers: [ProcessLifecycle], exports: [ProcessLifecycle] })
export class ProcessLifecycleModule {}
