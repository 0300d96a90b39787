import { chooseDataDir, dataDirLayout } from "../../composition/data-dir.js";
import { storeTarget } from "../../composition/settings.js";
export const defaultDataDir = () => chooseDataDir({});
/** The read store's own file in the data directory (docs/architecture.md §6: separate from the event store's). */
export const readStorePath = (dataDir) => dataDirLayout(dataDir).readStore;
export const withStoreOptions = (c) => c.option('--data-dir <dir>', 'data directory (default: the config file\'s dataDir, KMS_DATA_DIR or ./data)')
    .option('--config <file>', 'the server\'s JSON configuration (docs/config.md): its "store" and "dataDir" are used');
export { storeTarget };
/** Opens the store, runs `f`, and closes the store whatever happens. */
export const withStore = async (ctx, target, f) => {
    const store = await ctx.openEventStore(target.dataDir, target.store);
    try {
        return await f(store);
    }
    finally {
        await store.close();
    }
};
