import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader br = new BufferedReader(new InputStreamReader(System.in));
        int n = Integer.parseInt(br.readLine().trim());
        long[] t = new long[n], s = new long[n], p = new long[n];
        for (int i = 0; i < n; i++) {
            StringTokenizer st = new StringTokenizer(br.readLine());
            t[i] = Long.parseLong(st.nextToken());
            s[i] = Long.parseLong(st.nextToken());
            p[i] = Long.parseLong(st.nextToken());
        }
        // TODO: simulate the queue
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) out.append(i > 0 ? " " : "").append(-1);
        out.append('\n').append(0).append('\n');
        System.out.print(out);
    }
}
