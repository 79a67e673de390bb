// Swagger UI for /openapi.json, served from this package: no CDN, no online validator.
window.ui = window.SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
  tryItOutEnabled: true,
  presets: [window.SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
});
