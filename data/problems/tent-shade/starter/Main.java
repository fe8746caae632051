import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader br = new BufferedReader(new InputStreamReader(System.in));
        StringTokenizer st = new StringTokenizer(br.readLine());
        int n = Integer.parseInt(st.nextToken());
        int theta = Integer.parseInt(st.nextToken());
        long[] x = new long[n], h = new long[n];
        for (int i = 0; i < n; i++) {
            st = new StringTokenizer(br.readLine());
            x[i] = Long.parseLong(st.nextToken());
            h[i] = Long.parseLong(st.nextToken());
        }
        // TODO: compute the shaded length
        System.out.printf("%.6f%n", 0.0);
    }
}
