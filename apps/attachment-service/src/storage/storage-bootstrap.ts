import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationBootstrap } from '@nestjs/common';
import { OBJECT_STORAGE } from './object-storage.port';
import type { ObjectStorage } from './object-storage.port';

/** Creates the bucket before the app takes requests, when it does not exist yet. */
@Injectable()
export class StorageBootstrap implements OnApplicationBootstrap {
  constructor(@Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage) {}

  onApplicationBootstrap(): Promise<void> {
    return this.storage.ensureBucket();
  }
}
