package io.drpkit.testkit;

import io.drpkit.sdk.model.DrpError;

/** A REST failure of the fake DRP API, carrying the DRP {@code Error} body to answer with. */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient DrpError error;

    ApiException(DrpError error) {
        super(error.toString(), null, false, false);
        this.error = error;
    }

    /** DRP's shape for most API failures: Type = the HTTP method, Model/Key = the object. */
    static ApiException of(int code, String method, String model, String key, String message) {
        return new ApiException(DrpError.builder(code, method).model(model).key(key)
                .message(message).build());
    }

    static ApiException notFound(String method, String model, String key) {
        return of(404, method, model, key, "Not Found");
    }

    DrpError error() {
        return error;
    }
}
