export const SDK_NAME = "@honeyhive-ts/sdk";
export const SDK_VERSION = "0.1.0";
