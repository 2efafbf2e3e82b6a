package io.drpkit.sdk.internal.runtime;

import io.drpkit.sdk.DrpApi;
import io.drpkit.sdk.ProviderEnvironment;
import io.drpkit.sdk.internal.api.HttpDrpApi;

/** Opens DRP REST sessions from the environment (spec §2.2). */
public final class Sessions {
    private Sessions() {
    }

    /**
     * @throws io.drpkit.sdk.PluginException 400 {@code Must have a token specified} when
     *     {@code RS_TOKEN} is unset (Part A.8)
     */
    public static DrpApi connect(ProviderEnvironment environment) {
        return HttpDrpApi.connect(environment, new EnvSettings(System.getenv()).apiOptions());
    }
}
