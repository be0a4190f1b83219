/** Exit code of `palisade scan --pushgateway` when the push fails (the report is still written). */
export const PUSH_FAILED_EXIT = 4;
