import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Practice } from './practice.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Practice])],
  exports: [TypeOrmModule],
})
export class PracticeModule {}
