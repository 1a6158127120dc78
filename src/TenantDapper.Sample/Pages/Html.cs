namespace TenantDapper.Sample.Pages;

/// <summary>The frame of the sample's two small pages.</summary>
internal static class Html
{
    public static string Page(string title, string body) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>{{SignInEndpoints.Encode(title)}} · TenantDapper sample</title>
          <style>
            body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; }
            label { display: block; margin: .5rem 0; }
            .closed { color: #777; text-decoration: line-through; }
            .error { color: #b00; }
          </style>
        </head>
        <body>
        <h1>{{SignInEndpoints.Encode(title)}}</h1>
        {{body}}
        <p><a href="/scalar">API reference</a> · <a href="/openapi/v1.json">OpenAPI document</a></p>
        </body>
        </html>
        """;
}
