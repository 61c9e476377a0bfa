import { describe, expect, it } from "vitest";
import { clientInput } from "./oauthScopes";

describe("clientInput", () => {
  it("splits redirect URIs by line and trims", () => {
    expect(
      clientInput({
        clientId: " bi ",
        name: "BI",
        grantTypes: ["authorization_code"],
        redirectUris: "https://a.example/cb\n\n  https://b.example/cb ",
        confidential: false,
      }),
    ).toEqual({
      clientId: "bi",
      name: "BI",
      grantTypes: ["authorization_code"],
      redirectUris: ["https://a.example/cb", "https://b.example/cb"],
      allowedScopes: [],
      confidential: false,
    });
  });
});
