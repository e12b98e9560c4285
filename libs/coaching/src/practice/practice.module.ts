import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Practice } from './practice.entity.js';
import { PracticeResolver } from './practice.resolver.js';

/** The practice itself: its name, time zone and settings. */
@Module({
  imports: [TypeOrmModule.forFeature([Practice])],
  providers: [PracticeResolver],
})
export class PracticeModule {}
