package io.cutkit.examples;

/** Entry point of the local cutover rehearsal. */
public final class Rehearsal {

    private Rehearsal() {
    }

    public static void main(String[] args) {
        System.out.println("rehearsal: 0 of 12 steps done, data move 0.0 s, total 0.0 s, report none");
    }
}
