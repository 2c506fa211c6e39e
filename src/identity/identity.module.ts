import { Module } from '@nestjs/common';
import { NodeIdentityService } from './node-identity.service';
import { NodeIdentityStore } from './node-identity.store';

@Module({
  providers: [NodeIdentityService, NodeIdentityStore],
  exports: [NodeIdentityService],
})
export class IdentityModule {}
