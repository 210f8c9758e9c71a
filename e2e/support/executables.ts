import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The executable `name` on the PATH, if there is one (the tests' optional system tools: Mosquitto, LibreOffice). */
export function onPath(name: string): string | undefined {
  return process.env.PATH?.split(delimiter)
    .map((dir) => join(dir, name))
    .find((file) => {
      try {
        accessSync(file, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}
