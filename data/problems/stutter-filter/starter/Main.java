import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader br = new BufferedReader(new InputStreamReader(System.in));
        int n = Integer.parseInt(br.readLine().trim());
        String[] words = br.readLine().trim().split(" ");
        // TODO: remove the stutters
        System.out.println(0);
        System.out.println(String.join(" ", words));
    }
}
