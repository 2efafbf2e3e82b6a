package io.drpkit.sdk.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Copy helpers shared by the value types. */
final class Models {
    private Models() {
    }

    static Map<String, JsonNode> copyTrees(Map<String, JsonNode> in) {
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        if (in != null) {
            in.forEach((k, v) -> copy.put(k, v == null ? NullNode.getInstance() : v.deepCopy()));
        }
        return Collections.unmodifiableMap(copy);
    }
}
