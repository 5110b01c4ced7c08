package io.natter.app.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The REST application: carries the OpenAPI description and the bearer security scheme. */
@OpenAPIDefinition(info = @Info(title = "Natter app-api", version = "0.1.0",
        description = "Users, tokens, threads, membership, message history and notifications"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "the user's token (from POST /api/users or /api/login)")
public class NatterApplication extends Application {
}
