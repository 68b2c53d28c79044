import { Type } from "@sinclair/typebox";

/** Schemas of the API key routes, published in /openapi.json (the SDK's types come from there). */

export const ApiKeySchema = Type.Object(
  {
    id: Type.String({ description: "Key id (use it to revoke the key)" }),
    project_id: Type.String(),
    name: Type.String({ description: "Label given at creation" }),
    prefix: Type.String({ description: "First characters of the key, to recognise it" }),
    is_admin: Type.Boolean({ description: "May manage projects and keys" }),
    created_at: Type.Number({ description: "Creation time (Unix epoch ms)" }),
  },
  { title: "ApiKey" },
);

export const ApiKeyListSchema = Type.Array(ApiKeySchema, { title: "ApiKeyList" });

export const ListApiKeysQuery = Type.Object(
  {
    project: Type.Optional(
      Type.String({
        minLength: 1,
        description: "Project id or name; admin keys may name any project, others only their own",
      }),
    ),
  },
  { title: "ListApiKeysQuery" },
);

export const RevokeApiKeyResponse = Type.Object(
  {
    success: Type.Boolean(),
    deleted: Type.String({ description: "Id of the revoked key" }),
  },
  { title: "RevokeApiKeyResponse" },
);
