package io.natter.app.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.natter.app.config.AppConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the browser app needs to know before it can join: the realm and where the router's WAMP
 * endpoint is. Public (the page asks before anyone logs in) and free of secrets.
 */
@Path("/api/config")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "web")
public class WebConfigResource {

    /** {@code router_url} null: the page uses its own host name with {@code router_port}. */
    public record WebConfig(String realm,
                            @JsonProperty("router_url") String routerUrl,
                            @JsonProperty("router_port") int routerPort) {
    }

    private final WebConfig config;

    WebConfigResource(AppConfig app) {
        AppConfig.Web web = app.web();
        this.config = new WebConfig(web.realm(), web.routerUrl().filter(u -> !u.isBlank()).orElse(null), web.routerPort());
    }

    @GET
    @Operation(summary = "The browser app's settings: realm and the router's WebSocket URL")
    public WebConfig get() {
        return config;
    }
}
