import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader br = new BufferedReader(new InputStreamReader(System.in));
        int n = Integer.parseInt(br.readLine().trim());
        long[] l = new long[n], r = new long[n];
        for (int i = 0; i < n; i++) {
            StringTokenizer st = new StringTokenizer(br.readLine());
            l[i] = Long.parseLong(st.nextToken());
            r[i] = Long.parseLong(st.nextToken());
        }
        // TODO: find the brightest house numbers
        System.out.println(0 + " " + 0);
    }
}
