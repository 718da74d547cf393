package dev.rtbench.bench;

public final class Main {
    public static void main(String[] args) {
        System.out.println("rtbench");
    }
}
