import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader br = new BufferedReader(new InputStreamReader(System.in));
        StringTokenizer st = new StringTokenizer(br.readLine());
        int n = Integer.parseInt(st.nextToken());
        long b = Long.parseLong(st.nextToken());
        long[] s = new long[n], e = new long[n], p = new long[n];
        for (int i = 0; i < n; i++) {
            st = new StringTokenizer(br.readLine());
            s[i] = Long.parseLong(st.nextToken());
            e[i] = Long.parseLong(st.nextToken());
            p[i] = Long.parseLong(st.nextToken());
        }
        // TODO: choose the best set of offers
        System.out.println(0);
    }
}
