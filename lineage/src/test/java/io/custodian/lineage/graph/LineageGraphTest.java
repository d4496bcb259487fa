package io.custodian.lineage.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LineageGraphTest {

    /** An edge between named nodes: data flows from origin to destination. */
    record Flow(String origin, String destination) implements LineageEdge<String> {}

    /** An in-memory edge source that counts its reads and the nodes asked about. */
    static class Edges implements EdgeSource<String, Flow> {
        final List<Flow> flows = new ArrayList<>();
        int reads;
        int largestFrontier;

        final Map<String, List<Flow>> byDestination = new java.util.HashMap<>();
        final Map<String, List<Flow>> byOrigin = new java.util.HashMap<>();

        Edges add(String origin, String destination) {
            Flow flow = new Flow(origin, destination);
            flows.add(flow);
            byDestination.computeIfAbsent(destination, k -> new ArrayList<>()).add(flow);
            byOrigin.computeIfAbsent(origin, k -> new ArrayList<>()).add(flow);
            return this;
        }

        /** a -> b -> c ... along the names given. */
        Edges chain(String... names) {
            for (int i = 1; i < names.length; i++) {
                add(names[i - 1], names[i]);
            }
            return this;
        }

        @Override
        public Collection<Flow> edgesInto(Set<String> nodes) {
            reads++;
            largestFrontier = Math.max(largestFrontier, nodes.size());
            return nodes.stream().flatMap(n -> byDestination.getOrDefault(n, List.of()).stream()).toList();
        }

        @Override
        public Collection<Flow> edgesOutOf(Set<String> nodes) {
            reads++;
            largestFrontier = Math.max(largestFrontier, nodes.size());
            return nodes.stream().flatMap(n -> byOrigin.getOrDefault(n, List.of()).stream()).toList();
        }
    }

    private static Subgraph<String, Flow> traverse(Edges edges, String start, Direction direction, int depth,
            int maxNodes) {
        return new LineageGraph<>(edges).traverse(start, new TraversalLimits(direction, depth, maxNodes));
    }

    @Test
    void upstreamFollowsEdgesAgainstTheFlowOnly() {
        Edges edges = new Edges().chain("a", "b", "c", "d").add("x", "b").add("c", "y");

        Subgraph<String, Flow> graph = traverse(edges, "c", Direction.UPSTREAM, 20, 100);

        assertThat(graph.depths()).containsExactly(Map.entry("c", 0), Map.entry("b", 1), Map.entry("a", 2),
                Map.entry("x", 2));
        assertThat(graph.edges()).containsExactlyInAnyOrder(new Flow("b", "c"), new Flow("a", "b"),
                new Flow("x", "b"));
        assertThat(graph.truncated()).isFalse();
    }

    @Test
    void downstreamFollowsEdgesWithTheFlowOnly() {
        Edges edges = new Edges().chain("a", "b", "c", "d").add("x", "b").add("c", "y");

        Subgraph<String, Flow> graph = traverse(edges, "b", Direction.DOWNSTREAM, 20, 100);

        assertThat(graph.nodes()).containsExactly("b", "c", "d", "y");
        assertThat(graph.depths()).containsEntry("d", 2).containsEntry("y", 2);
    }

    @Test
    void bothGoesUpstreamAndDownstreamWithoutPullingInSiblings() {
        // j reads a and writes b and s; from b, a and j are upstream, c downstream, s is a sibling.
        Edges edges = new Edges().chain("a", "j", "b", "c").add("j", "s");

        Subgraph<String, Flow> graph = traverse(edges, "b", Direction.BOTH, 20, 100);

        assertThat(graph.nodes()).containsExactlyInAnyOrder("b", "j", "a", "c");
        assertThat(graph.nodes()).doesNotContain("s");
    }

    @Test
    void depthCutsTheTraversalAndZeroIsTheStartAlone() {
        Edges edges = new Edges().chain("a", "b", "c", "d", "e");

        assertThat(traverse(edges, "a", Direction.DOWNSTREAM, 2, 100).nodes()).containsExactly("a", "b", "c");
        assertThat(traverse(edges, "a", Direction.DOWNSTREAM, 0, 100).nodes()).containsExactly("a");
        assertThat(traverse(edges, "a", Direction.DOWNSTREAM, 0, 100).edges()).isEmpty();
        // A depth cut is not a truncation: the node limit was not reached.
        assertThat(traverse(edges, "a", Direction.DOWNSTREAM, 2, 100).truncated()).isFalse();
    }

    @Test
    void cyclesEndAndEveryNodeIsVisitedOnce() {
        Edges edges = new Edges().chain("a", "b", "c", "a").add("c", "d").add("d", "d");

        Subgraph<String, Flow> graph = traverse(edges, "a", Direction.BOTH, 1_000, 100);

        assertThat(graph.nodes()).containsExactlyInAnyOrder("a", "b", "c", "d");
        assertThat(graph.edges()).containsExactlyInAnyOrder(new Flow("a", "b"), new Flow("b", "c"),
                new Flow("c", "a"), new Flow("c", "d"), new Flow("d", "d"));
        // Each level reads at most once per direction; the cycle adds levels, not reads per node.
        assertThat(edges.reads).isLessThanOrEqualTo(2 * 4);
    }

    @Test
    void aNodeOnACycleThroughTheStartIsBothUpstreamAndDownstream() {
        // b is downstream of a (a -> b) and upstream of it (b -> c -> a); its own upstream x is reached too.
        Edges edges = new Edges().chain("a", "b", "c", "a").add("x", "b");

        Subgraph<String, Flow> graph = traverse(edges, "a", Direction.BOTH, 20, 100);

        assertThat(graph.nodes()).contains("x");
    }

    @Test
    void shortestDistanceIsTheDepth() {
        Edges edges = new Edges().chain("a", "b", "c", "d").add("a", "d");

        assertThat(traverse(edges, "a", Direction.DOWNSTREAM, 20, 100).depths()).containsEntry("d", 1);
    }

    @Test
    void nodeLimitTruncatesAndNamesTheNodesWhoseNeighboursWereLeftOut() {
        Edges edges = new Edges();
        for (int i = 0; i < 10; i++) {
            edges.add("hub", "leaf" + i);
        }
        edges.add("leaf0", "deep");

        Subgraph<String, Flow> graph = traverse(edges, "hub", Direction.DOWNSTREAM, 20, 4);

        assertThat(graph.nodes()).hasSize(4).containsExactly("hub", "leaf0", "leaf1", "leaf2");
        assertThat(graph.truncated()).isTrue();
        // hub lost seven leaves, leaf0 lost "deep"; the other leaves have no neighbours left out.
        assertThat(graph.incomplete()).containsExactly("hub", "leaf0");
        // Only edges between nodes in the result.
        assertThat(graph.edges()).allSatisfy(e -> assertThat(graph.nodes()).contains(e.origin(), e.destination()));
    }

    @Test
    void edgesBetweenAdmittedNodesAreKeptAfterTheLimitIsReached() {
        Edges edges = new Edges().add("a", "b").add("a", "c").add("a", "d").add("b", "c");

        Subgraph<String, Flow> graph = traverse(edges, "a", Direction.DOWNSTREAM, 20, 3);

        assertThat(graph.nodes()).containsExactly("a", "b", "c");
        assertThat(graph.edges()).contains(new Flow("b", "c"));
        assertThat(graph.incomplete()).containsExactly("a");
    }

    @Test
    void startsBeyondTheLimitTruncateWithoutIncompleteNodes() {
        Edges edges = new Edges();
        Set<String> starts = new LinkedHashSet<>(List.of("s1", "s2", "s3"));

        Subgraph<String, Flow> graph = new LineageGraph<>(edges).traverse(starts,
                new TraversalLimits(Direction.BOTH, 5, 2));

        assertThat(graph.nodes()).containsExactly("s1", "s2");
        assertThat(graph.truncated()).isTrue();
        assertThat(graph.incomplete()).isEmpty();
    }

    @Test
    void oneReadPerLevelWhateverTheWidth() {
        Edges edges = new Edges();
        for (int i = 0; i < 500; i++) {
            edges.add("root", "mid" + i);
            edges.add("mid" + i, "leaf" + i);
        }

        Subgraph<String, Flow> graph = traverse(edges, "root", Direction.DOWNSTREAM, 20, 10_000);

        assertThat(graph.nodes()).hasSize(1_001);
        // root, the 500 mids, the 500 leaves (which have no edges, and end the walk).
        assertThat(edges.reads).isEqualTo(3);
        assertThat(edges.largestFrontier).isEqualTo(500);
    }

    @Test
    void aLongChainIsWalkedLevelByLevelToItsEnd() {
        Edges edges = new Edges();
        for (int i = 1; i < 10_000; i++) {
            edges.add("n" + (i - 1), "n" + i);
        }

        Subgraph<String, Flow> graph = traverse(edges, "n9999", Direction.UPSTREAM, 10_000, 10_000);

        assertThat(graph.nodes()).hasSize(10_000);
        assertThat(graph.depths()).containsEntry("n0", 9_999);
        assertThat(graph.truncated()).isFalse();
    }

    @Test
    void edgesASourceReturnsBeyondTheFrontierAreIgnored() {
        Edges over = new Edges() {
            @Override
            public Collection<Flow> edgesOutOf(Set<String> nodes) {
                reads++;
                return flows; // every edge, asked or not
            }
        };
        over.add("a", "b").add("x", "y");

        assertThat(traverse(over, "a", Direction.DOWNSTREAM, 5, 100).nodes()).containsExactly("a", "b");
    }

    @Test
    void limitsAreChecked() {
        assertThatThrownBy(() -> new TraversalLimits(Direction.UPSTREAM, -1, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDepth");
        assertThatThrownBy(() -> new TraversalLimits(Direction.UPSTREAM, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxNodes");
        assertThatThrownBy(() -> new TraversalLimits(null, 1, 1)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void directionsAreNamedInAnyCase() {
        assertThat(Direction.named("UpStream")).contains(Direction.UPSTREAM);
        assertThat(Direction.named(" both ")).contains(Direction.BOTH);
        assertThat(Direction.named("sideways")).isEmpty();
        assertThat(Direction.named(null)).isEmpty();
    }
}
